package io.gradcheck.data;

/** A training set and a test set. */
public record TrainTest(Dataset train, Dataset test) {}
