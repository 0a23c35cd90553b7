package io.posekit.runtime.check;

/**
 * How far a config got in {@code posekit check}, each stage needing the one before: its files
 * ran ({@code _base_} included), every dict read as its registry's typed config, every module
 * built, and (with {@code --dry-run}) one train step and one predict ran.
 */
public enum CheckStage {
  LOADED,
  TYPED,
  BUILT,
  STEPPED;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
