package io.posekit.tfmodels.weights;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies an unpickled object graph, turning each {@link TorchTensor} into its {@link FloatArray}. */
final class Materialized {
  private final Map<Object, Object> done = new IdentityHashMap<>();

  private Materialized() {}

  static Object of(Object root) {
    return new Materialized().copy(root);
  }

  private Object copy(Object value) {
    if (value instanceof TorchTensor t) {
      return done.computeIfAbsent(t, k -> t.toFloatArray());
    }
    if (value == null) {
      return null;
    }
    if (value instanceof PythonObject p) {
      // filled in place: its identity is its equality
      if (done.put(p, p) == null) {
        p.replaceAll((k, v) -> copy(v));
        p.setState(copy(p.state()));
      }
      return p;
    }
    Object seen = done.get(value);
    if (seen != null) {
      return seen;
    }
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      done.put(value, out);
      m.forEach((k, v) -> out.put(k, copy(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      done.put(value, out);
      l.forEach(v -> out.add(copy(v)));
      return out;
    }
    if (value instanceof Object[] a) {
      Object[] out = new Object[a.length];
      done.put(value, out);
      for (int i = 0; i < a.length; i++) {
        out[i] = copy(a[i]);
      }
      return out;
    }
    return value;
  }
}
