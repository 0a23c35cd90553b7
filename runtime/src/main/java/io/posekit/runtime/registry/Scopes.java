package io.posekit.runtime.registry;

import io.posekit.annotations.Registries;
import java.util.List;

/**
 * MMEngine's scope tree: {@code mmengine} is the root and the parent of every other scope
 * ({@code mmpose}, {@code mmdet}, a plugin's scope), so a name is searched in a scope first and
 * then in {@code mmengine}.
 */
final class Scopes {
  private Scopes() {}

  /** The scopes a name is searched in when looked up from {@code scope}: it, then its parents. */
  static List<String> searchOrder(String scope) {
    return Registries.ROOT_SCOPE.equals(scope) ? List.of(scope) : List.of(scope, Registries.ROOT_SCOPE);
  }
}
