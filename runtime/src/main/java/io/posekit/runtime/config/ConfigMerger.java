package io.posekit.runtime.config;

import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.dict.ConfigList;
import io.posekit.runtime.config.dict.ConfigLoadException;
import io.posekit.runtime.config.dict.ConfigValues;
import io.posekit.runtime.config.dict.KeyOverride;
import io.posekit.spi.PyTruth;
import io.posekit.spi.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** MMEngine's {@code _merge_a_into_b}: child values override base values, dicts merge. */
final class ConfigMerger {
  static final String DELETE_KEY = "_delete_";

  private ConfigMerger() {}

  /**
   * Merges {@code a} into a copy of {@code b}. A dict in {@code a} merges into the dict under the
   * same key in {@code b} unless it says {@code _delete_=True}. With {@code allowListKeys}, digit
   * keys of {@code a} address items of a list in {@code b}.
   */
  static Object merge(ConfigDict a, Object b, boolean allowListKeys, String path) {
    if (b instanceof ConfigList list) {
      ConfigList out = new ConfigList(list);
      for (Map.Entry<Object, Object> e : a.entrySet()) {
        String k = String.valueOf(e.getKey());
        if (!allowListKeys || !k.chars().allMatch(Character::isDigit) || k.isEmpty()) {
          throw new ConfigLoadException(where(a, e.getKey()),
              path + ": key '" + k + "' given for a list; use an index");
        }
        int index = Integer.parseInt(k);
        if (index >= out.size()) {
          throw new ConfigLoadException(where(a, e.getKey()),
              path + ": index " + index + " exceeds the length of the list (" + out.size() + ")");
        }
        Object v = e.getValue();
        out.set(index, v instanceof ConfigDict d ? merge(d, out.get(index), allowListKeys, path + "." + index) : v);
      }
      return out;
    }
    if (!(b instanceof ConfigDict base)) {
      throw new ConfigLoadException(where(a, null), path + ": cannot merge a dict into a "
          + ConfigValues.pythonTypeName(b));
    }
    ConfigDict out = base.shallowCopy();
    for (Map.Entry<Object, Object> e : List.copyOf(a.entrySet())) {
      Object k = e.getKey();
      Object v = e.getValue();
      SourceLocation kLoc = a.locationOf(k).orElse(null);
      String kPath = path.isEmpty() ? String.valueOf(k) : path + "." + k;
      boolean existed = out.containsKey(k);
      Object old = out.get(k);
      SourceLocation oldLoc = existed ? out.locationOf(k).orElse(null) : null;
      List<KeyOverride> history = new ArrayList<>(out.overridesOf(k));
      KeyOverride.Kind kind = KeyOverride.Kind.OVERRIDDEN;
      if (v instanceof ConfigDict child) {
        // as in MMEngine, _delete_ is only consumed when the key exists in the base
        if (existed && !PyTruth.isTrue(child.remove(DELETE_KEY))) {
          boolean mergeable = old instanceof ConfigDict || (allowListKeys && old instanceof ConfigList);
          if (!mergeable) {
            throw new ConfigLoadException(kLoc != null ? kLoc : where(a, k), kPath
                + " is a dict in the child config but a " + ConfigValues.pythonTypeName(old)
                + " in the base config; set `_delete_=True` to ignore the base value");
          }
          out.put(k, merge(child, old, allowListKeys, kPath), kLoc);
          kind = KeyOverride.Kind.MERGED;
        } else {
          out.put(k, child, kLoc);
          kind = existed ? KeyOverride.Kind.DELETED : kind;
        }
      } else {
        out.put(k, v, kLoc);
      }
      if (existed) {
        history.add(new KeyOverride(kind, kLoc, oldLoc, kind == KeyOverride.Kind.MERGED ? null : old));
      }
      out.setOverrides(k, history);
    }
    return out;
  }


  private static SourceLocation where(ConfigDict dict, Object key) {
    return dict.locationOf(key).orElse(new SourceLocation("<unknown>", 0));
  }
}
