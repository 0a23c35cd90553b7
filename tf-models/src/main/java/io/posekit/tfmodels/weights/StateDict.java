package io.posekit.tfmodels.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * PyTorch's {@code state_dict()}: named arrays in insertion order, in PyTorch's layouts (conv
 * {@code [out, in, kh, kw]}, transposed conv {@code [in, out, kh, kw]}), so the names and shapes are
 * exactly those of the MMPose model and a {@code .pth} state dict compares entry by entry.
 */
public final class StateDict {
  private final Map<String, FloatArray> entries = new LinkedHashMap<>();

  public StateDict() {}

  public StateDict(Map<String, FloatArray> entries) {
    entries.forEach(this::put);
  }

  public StateDict put(String name, FloatArray value) {
    if (entries.containsKey(name)) {
      throw new IllegalArgumentException("duplicate state-dict key '" + name + "'");
    }
    entries.put(name, value);
    return this;
  }

  public FloatArray get(String name) {
    return entries.get(name);
  }

  public boolean contains(String name) {
    return entries.containsKey(name);
  }

  public Set<String> keys() {
    return Collections.unmodifiableSet(entries.keySet());
  }

  public Map<String, FloatArray> asMap() {
    return Collections.unmodifiableMap(entries);
  }

  public int size() {
    return entries.size();
  }

  /**
   * MMEngine's {@code _load_checkpoint_with_prefix}: the entries under {@code prefix} (a trailing
   * dot is added), with the prefix removed; an error naming {@code source} when there is none.
   */
  public StateDict selectPrefix(String prefix, String source) {
    String p = prefix.endsWith(".") ? prefix : prefix + ".";
    StateDict out = new StateDict();
    entries.forEach((k, v) -> {
      if (k.startsWith(p)) {
        out.put(k.substring(p.length()), v);
      }
    });
    if (out.size() == 0) {
      throw new IllegalArgumentException(source + ": no key starts with prefix '" + p + "' (" + size() + " keys, e.g. '"
          + entries.keySet().stream().findFirst().orElse("") + "')");
    }
    return out;
  }

  /** Every key with {@code prefix} put in front (a backbone's weights as the estimator names them). */
  public StateDict withPrefix(String prefix) {
    StateDict out = new StateDict();
    entries.forEach((k, v) -> out.put(prefix + k, v));
    return out;
  }

  /** MMEngine's default {@code revise_keys=[(r'^module\.', '')]}: a DataParallel wrapper's prefix dropped. */
  public StateDict stripModulePrefix() {
    StateDict out = new StateDict();
    entries.forEach((k, v) -> out.put(k.startsWith("module.") ? k.substring("module.".length()) : k, v));
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateDict s && entries.equals(s.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(", ", "StateDict{", "}");
    entries.forEach((k, v) -> j.add(k + FloatArray.shapeString(v.shape())));
    return j.toString();
  }
}
