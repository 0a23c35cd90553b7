package io.posekit.tfmodels.weights;

import java.util.List;

/**
 * What {@code load_state_dict} found: keys the model has and the state dict lacks, keys the state
 * dict has and the model lacks, and keys whose shapes differ (not loaded).
 */
public record LoadReport(List<String> missingKeys, List<String> unexpectedKeys, List<String> shapeMismatches) {
  public LoadReport {
    missingKeys = List.copyOf(missingKeys);
    unexpectedKeys = List.copyOf(unexpectedKeys);
    shapeMismatches = List.copyOf(shapeMismatches);
  }

  public boolean isClean() {
    return missingKeys.isEmpty() && unexpectedKeys.isEmpty() && shapeMismatches.isEmpty();
  }

  /** Every problem at once, as one message naming {@code source}. */
  public String describe(String source) {
    StringBuilder b = new StringBuilder("Error(s) loading state dict from ").append(source).append(':');
    if (!missingKeys.isEmpty()) {
      b.append("\n  missing keys in source state_dict (").append(missingKeys.size()).append("): ")
          .append(String.join(", ", missingKeys));
    }
    if (!unexpectedKeys.isEmpty()) {
      b.append("\n  unexpected keys in source state_dict (").append(unexpectedKeys.size()).append("): ")
          .append(String.join(", ", unexpectedKeys));
    }
    for (String m : shapeMismatches) {
      b.append("\n  ").append(m);
    }
    return b.toString();
  }
}
