package io.posekit.tfmodels.fileio;

import io.posekit.annotations.Nullable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keyword arguments a backend is built with ({@code backend_args} less {@code backend}), read
 * as Python would bind them: each known name taken once, a name the backend does not take is an
 * error naming it (Python's {@code TypeError: unexpected keyword argument}).
 */
final class BackendArgs {
  private final String backend;
  private final Map<String, Object> rest;

  BackendArgs(String backend, Map<String, Object> args) {
    this.backend = backend;
    this.rest = new LinkedHashMap<>(args);
  }

  @Nullable Object take(String key) {
    return rest.remove(key);
  }

  String takeString(String key, @Nullable String otherwise) {
    Object v = rest.remove(key);
    if (v == null) {
      return otherwise;
    }
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("backend_args." + key + " of the " + backend + " backend must be a string, got " + v);
    }
    return s;
  }

  boolean takeBoolean(String key, boolean otherwise) {
    Object v = rest.remove(key);
    if (v == null) {
      return otherwise;
    }
    if (!(v instanceof Boolean b)) {
      throw new IllegalArgumentException("backend_args." + key + " of the " + backend + " backend must be True or False, got " + v);
    }
    return b;
  }

  long takeLong(String key, long otherwise) {
    Object v = rest.remove(key);
    if (v == null) {
      return otherwise;
    }
    if (!(v instanceof Number n) || v instanceof Double || v instanceof Float) {
      throw new IllegalArgumentException("backend_args." + key + " of the " + backend + " backend must be an int, got " + v);
    }
    return n.longValue();
  }

  /** Call after taking every argument the backend knows. */
  void requireAllTaken() {
    if (!rest.isEmpty()) {
      throw new IllegalArgumentException(
          "backend_args: the " + backend + " backend takes no argument " + String.join(", ", rest.keySet()));
    }
  }
}
