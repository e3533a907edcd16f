/**
 * The gradient checker: {@link io.gradcheck.check.GradientCheck} compares backprop with central
 * differences for any {@link io.gradcheck.check.Subject} (a layer, a model and a loss, the network,
 * a plain function), runs the exact and state detectors, and names the kind of a bug from the whole
 * backward as a matrix. {@link io.gradcheck.check.Shapes} draws valid random shapes.
 */
package io.gradcheck.check;
