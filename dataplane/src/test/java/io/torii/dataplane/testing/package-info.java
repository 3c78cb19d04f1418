/**
 * Test fixtures shared by every module's tests: the tags that separate fast unit tests from
 * system and interop tests, and network namespaces that a test creates and removes itself.
 */
package io.torii.dataplane.testing;
