package io.posekit.runtime.registry;

/**
 * A type name as a config writes it: {@code HeatmapHead}, or {@code mmdet.YOLOXHSVRandomAug} naming
 * its scope explicitly. Split at the first dot, as MMEngine splits it.
 *
 * @param scope the explicit scope, or null when the name has none
 * @param name the registered name
 */
record ScopedName(String scope, String name) {
  static ScopedName parse(String text) {
    int dot = text.indexOf('.');
    return dot < 0 ? new ScopedName(null, text) : new ScopedName(text.substring(0, dot), text.substring(dot + 1));
  }

  boolean explicitScope() {
    return scope != null;
  }
}
