package io.posekit.runtime.engine.optim;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code params} an optimizer is built with (the runtime provides them, as MMEngine's
 * optimizer constructor fills the first argument): either all parameters in one group, or one
 * group per parameter after {@code paramwise_cfg}. A parameter may appear in one group only.
 */
public final class ParamGroups {
  /** The key under which the runtime provides them in the {@code BuildContext}. */
  public static final String PROVIDED_KEY = "params";

  private final List<ParamGroup> groups;

  public ParamGroups(List<ParamGroup> groups) {
    Set<String> seen = new HashSet<>();
    for (ParamGroup group : groups) {
      for (Parameter p : group.params()) {
        if (!seen.add(p.name())) {
          throw new IllegalArgumentException(
              "parameter '" + p.name() + "' appears in more than one param group");
        }
      }
    }
    this.groups = List.copyOf(groups);
  }

  /** All parameters in a single group, MMEngine's behaviour without {@code paramwise_cfg}. */
  public static ParamGroups single(List<Parameter> params) {
    return new ParamGroups(List.of(new ParamGroup(params)));
  }

  public List<ParamGroup> groups() {
    return groups;
  }
}
