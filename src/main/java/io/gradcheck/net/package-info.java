/**
 * The chapter 7 SimpleConvNet as a named list of layers, any of which a user's layer can replace
 * ({@link io.gradcheck.net.NetBuilder}), and its batch split over threads.
 */
package io.gradcheck.net;
