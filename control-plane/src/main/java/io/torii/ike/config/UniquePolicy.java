package io.torii.ike.config;

/**
 * What to do with an older IKE_SA of the same peer identity, swanctl.conf's {@code unique}; the
 * keyword is the name in lower case.
 */
public enum UniquePolicy
{
    /** Replace existing IKE_SAs only when the new one carries INITIAL_CONTACT; the default. */
    NO,
    /** Never replace, even on INITIAL_CONTACT; as initiator, send no INITIAL_CONTACT. */
    NEVER,
    /** Refuse the new IKE_SA while one exists. */
    KEEP,
    /** Delete the existing IKE_SA once the new one is established. */
    REPLACE
}
