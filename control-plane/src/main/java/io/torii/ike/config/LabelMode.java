package io.torii.ike.config;

/**
 * How a child's security label is used, swanctl.conf's {@code label_mode}; the keyword is the name in lower case.
 */
public enum LabelMode
{
    /** SELinux when available, otherwise simple; the default. */
    SYSTEM,
    /** The label is an extra selector compared as is. */
    SIMPLE,
    /** The label is an SELinux context matched by the kernel. */
    SELINUX
}
