package io.torii.dataplane.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that checks Torii against an implementation nobody here wrote (strongSwan,
 * scapy, tshark). {@code ./torii test} and CI run these; {@code ./torii test fast} leaves them out.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("interop")
public @interface InteropTest
{
}
