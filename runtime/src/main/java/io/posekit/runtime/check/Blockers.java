package io.posekit.runtime.check;

import io.posekit.spi.ConfigProblem;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names that block a config, for counting across a tree: a {@code type=} no module is
 * registered for ({@code type 'RTMCCHead'}), a key a module does not take
 * ({@code key 'foo' of TopdownPoseEstimator}), else the problem's message, so that the same
 * cause in many configs counts as one blocker. The registry's and the dict reader's messages are
 * the source: they name the type and the key in quotes.
 */
final class Blockers {
  /** {@code Registry}: "unknown MODELS module type 'X' (searched ...)", "'X' is a HOOKS module, not a ...". */
  private static final Pattern UNKNOWN_TYPE = Pattern.compile("^unknown .*type '([^']*)'");
  private static final Pattern OTHER_REGISTRY = Pattern.compile("^'([^']*)' is a \\S+ module, not a");
  /** "scope 'mmdet' has no Java implementation ..., so 'mmdet.X' cannot be built". */
  private static final Pattern FOREIGN_SCOPE = Pattern.compile("so '([^']*)' cannot be built");
  /** A {@code _scope_} or {@code default_scope} naming a scope no module is registered in. */
  private static final Pattern UNKNOWN_SCOPE = Pattern.compile("^scope '([^']*)' has no Java implementation");
  /** {@code DictReader.rejectUnknownKeys}: "unknown key 'k' for What". */
  private static final Pattern UNKNOWN_KEY = Pattern.compile("^unknown key '([^']*)' for (\\S+)");

  private Blockers() {}

  /** Each blocking name once, in the order the problems name them. */
  static List<String> of(List<ConfigProblem> problems) {
    Set<String> out = new LinkedHashSet<>();
    for (ConfigProblem p : problems) {
      out.add(of(p));
    }
    return List.copyOf(out);
  }

  static String of(ConfigProblem problem) {
    String message = problem.message();
    for (Pattern type : List.of(UNKNOWN_TYPE, OTHER_REGISTRY, FOREIGN_SCOPE)) {
      Matcher m = type.matcher(message);
      if (m.find()) {
        return "type '" + m.group(1) + "'";
      }
    }
    Matcher scope = UNKNOWN_SCOPE.matcher(message);
    if (scope.find()) {
      return "scope '" + scope.group(1) + "'";
    }
    Matcher key = UNKNOWN_KEY.matcher(message);
    if (key.find()) {
      return "key '" + key.group(1) + "' of " + key.group(2);
    }
    // the first line, without the " (also reached as ...)" of a dict reached twice
    String first = message.lines().findFirst().orElse("");
    int also = first.indexOf(" (also reached as ");
    return also >= 0 ? first.substring(0, also) : first;
  }
}
