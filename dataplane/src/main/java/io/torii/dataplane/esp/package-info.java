/**
 * ESP (RFC 4303) processing for one worker: encapsulation of cleartext packets in tunnel and
 * transport mode with optional UDP encapsulation (RFC 3948), and the reverse, on a batch at a time,
 * giving every packet a named disposition.
 */
package io.torii.dataplane.esp;
