package io.posekit.runtime.registry;

import java.util.List;

/**
 * Two registry indexes disagree: the same name registered twice in one registry and scope without
 * exactly one of them being {@code force}, or one registry declared with two base types. Every
 * conflict found is listed, each naming the jars involved.
 */
public class RegistryConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> conflicts;

  public RegistryConflictException(List<String> conflicts) {
    super(message(conflicts));
    this.conflicts = List.copyOf(conflicts);
  }

  public List<String> conflicts() {
    return conflicts;
  }

  private static String message(List<String> conflicts) {
    if (conflicts.size() == 1) {
      return conflicts.get(0);
    }
    StringBuilder out = new StringBuilder(conflicts.size() + " registry conflicts:");
    for (String conflict : conflicts) {
      out.append(System.lineSeparator()).append("  ").append(conflict);
    }
    return out.toString();
  }
}
