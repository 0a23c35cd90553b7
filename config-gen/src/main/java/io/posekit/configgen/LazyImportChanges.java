package io.posekit.configgen;

import io.posekit.spi.LocatedMap;
import io.posekit.spi.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a lazy-import file's code did to the variables it imported, as the own values of a
 * {@code _base_} file: config-gen then writes it with the same statements (merge, toBuilder,
 * build afresh).
 *
 * <p>A variable the file assigns ({@code model = dict(...)}, located in the file) replaces the
 * imported value, as a Python assignment does: a dict becomes {@code {_delete_: True}}, which
 * makes config-gen build the value afresh. A variable it changed in place ({@code
 * train_cfg.update(max_epochs=50)}, MMEngine's ConfigDict update, which updates nested dicts in
 * turn) becomes the dict of the keys that differ, recursively; a dict that lost a key or whose
 * keys moved is replaced. Unchanged variables are left out; the rest come in the order of the
 * lines that changed them.
 */
final class LazyImportChanges {
  /** The marker that makes config-gen write a dict afresh instead of merging it. */
  static final Map<Object, Object> REPLACED = Map.of("_delete_", true);

  private LazyImportChanges() {}

  /**
   * @param imported what the file's imports bound, by name
   * @param variables the file's variables after its code ran (without names imported from elsewhere)
   * @param inFile whether a location is in the file itself
   */
  static Changes of(Map<?, ?> imported, Map<?, ?> variables, Predicate<SourceLocation> inFile) {
    Changes out = new Changes(variables);
    for (Map.Entry<?, ?> e : variables.entrySet()) {
      Object key = e.getKey();
      Object after = e.getValue();
      if (!imported.containsKey(key)) {
        out.put(key, after);
        continue;
      }
      Object before = imported.get(key);
      if (same(before, after)) {
        continue;
      }
      boolean assigned = locationOf(variables, key).filter(inFile).isPresent();
      if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
        Object changes = assigned ? REPLACED : dictChanges(b, a, inFile);
        out.put(key, changes);
      } else {
        out.put(key, after);
      }
    }
    return inFileOrder(out, inFile);
  }

  /** The changes in the order of the lines that made them, as the file reads (a stable sort). */
  private static Changes inFileOrder(Changes changes, Predicate<SourceLocation> inFile) {
    List<Object> keys = new ArrayList<>(changes.keySet());
    keys.sort(java.util.Comparator.comparingInt(k -> changes.locationOf(k).filter(inFile)
        .map(SourceLocation::line).orElse(Integer.MAX_VALUE)));
    Changes out = new Changes(changes.source);
    keys.forEach(k -> out.put(k, changes.get(k)));
    return out;
  }

  /** The keys of {@code after} that differ from {@code before}, or {@link #REPLACED}. */
  private static Object dictChanges(Map<?, ?> before, Map<?, ?> after, Predicate<SourceLocation> inFile) {
    List<Object> beforeKeys = new ArrayList<>(before.keySet());
    List<Object> afterKeys = new ArrayList<>(after.keySet());
    // an update keeps the keys it had in place and appends new ones
    if (afterKeys.size() < beforeKeys.size() || !afterKeys.subList(0, beforeKeys.size()).equals(beforeKeys)) {
      return REPLACED;
    }
    Changes out = new Changes(after);
    for (Map.Entry<?, ?> e : after.entrySet()) {
      Object key = e.getKey();
      Object value = e.getValue();
      if (!before.containsKey(key)) {
        out.put(key, value);
      } else if (!same(before.get(key), value)) {
        out.put(key, before.get(key) instanceof Map<?, ?> b && value instanceof Map<?, ?> a
            ? dictChanges(b, a, inFile) : value);
      }
    }
    return out;
  }

  /** Equal, with dict keys in the same order (Python prints and iterates a dict in its order). */
  private static boolean same(Object a, Object b) {
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!new ArrayList<>(x.keySet()).equals(new ArrayList<>(y.keySet()))) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!same(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  private static Optional<SourceLocation> locationOf(Object dict, Object key) {
    return dict instanceof LocatedMap located ? located.locationOf(key) : Optional.empty();
  }

  /**
   * Changed keys with the locations of the dict they came from; a key updated below (its own
   * location still the imported one) takes the location of its first change.
   */
  static final class Changes extends LinkedHashMap<Object, Object> implements LocatedMap {
    private static final long serialVersionUID = 1L;
    private final transient Map<?, ?> source;

    Changes(Map<?, ?> source) {
      this.source = source;
    }

    @Override
    public Optional<SourceLocation> location() {
      return source instanceof LocatedMap located ? located.location() : Optional.empty();
    }

    @Override
    public Optional<SourceLocation> locationOf(Object key) {
      if (get(key) instanceof Changes nested) {
        Optional<SourceLocation> first = nested.firstChange();
        if (first.isPresent()) {
          return first;
        }
      }
      return LazyImportChanges.locationOf(source, key);
    }

    private Optional<SourceLocation> firstChange() {
      Optional<SourceLocation> best = Optional.empty();
      for (Object key : keySet()) {
        Optional<SourceLocation> at = locationOf(key);
        if (at.isPresent() && (best.isEmpty() || at.get().line() < best.get().line())) {
          best = at;
        }
      }
      return best;
    }
  }
}
