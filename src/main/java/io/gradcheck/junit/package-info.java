/**
 * Assertions for tests in a Maven build: a check over random shapes, shrunk, seeded, with an HTML
 * report of a failure in {@code target/gradcheck-reports/}.
 */
package io.gradcheck.junit;
