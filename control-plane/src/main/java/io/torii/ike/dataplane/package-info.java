/**
 * The IKE daemon's side of the one narrow interface to the dataplane: SPIs for new Child SAs, and
 * negotiated Child SAs installed as dataplane SAs and policies.
 */
package io.torii.ike.dataplane;
