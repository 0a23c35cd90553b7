package io.posekit.spi;

import java.util.List;

/** A config that cannot be read or built, with every problem found, not only the first. */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  public ConfigException(String what, List<ConfigProblem> problems) {
    super(message(what, problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(ConfigProblem problem) {
    this("invalid config", List.of(problem));
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String message(String what, List<ConfigProblem> problems) {
    StringBuilder out = new StringBuilder(what);
    out.append(problems.size() == 1 ? ": 1 problem" : ": " + problems.size() + " problems");
    for (ConfigProblem problem : problems) {
      out.append(System.lineSeparator()).append("  ").append(problem.format());
    }
    return out.toString();
  }
}
