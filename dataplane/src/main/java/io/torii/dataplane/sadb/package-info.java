/**
 * The SA database: cold SA records ({@link io.torii.dataplane.sadb.SaConfig}) as the control plane
 * or a static SA file gives them, and the hot per-direction runtimes the workers read per packet.
 */
package io.torii.dataplane.sadb;
