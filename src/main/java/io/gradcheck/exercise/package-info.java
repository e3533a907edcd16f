/**
 * Student exercises: broken layers compiled at run time and checked, each in a JVM of its own, with
 * feedback, hints and grades that student code cannot fake.
 */
package io.gradcheck.exercise;
