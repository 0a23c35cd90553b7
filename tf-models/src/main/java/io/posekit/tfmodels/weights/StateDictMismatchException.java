package io.posekit.tfmodels.weights;

/** A strict load found missing or unexpected keys or shape mismatches; the message lists them all. */
public final class StateDictMismatchException extends IllegalArgumentException {
  private final transient LoadReport report;

  public StateDictMismatchException(String source, LoadReport report) {
    super(report.describe(source));
    this.report = report;
  }

  public LoadReport report() {
    return report;
  }
}
