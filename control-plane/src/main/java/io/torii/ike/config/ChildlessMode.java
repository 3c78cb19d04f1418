package io.torii.ike.config;

/**
 * Childless IKE_SA initiation (RFC 6023), swanctl.conf's {@code childless}; the keyword is the name in lower case.
 */
public enum ChildlessMode
{
    /** Accept childless IKE_SAs as responder, create the first child in IKE_AUTH as initiator; the default. */
    ALLOW,
    /** Only childless initiation: every child is created with CREATE_CHILD_SA. */
    FORCE,
    /** Refuse childless IKE_SAs as responder. */
    NEVER
}
