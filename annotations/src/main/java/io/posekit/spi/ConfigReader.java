package io.posekit.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Reads config dicts into typed configs and collects every problem on the way, each with its key
 * path and, when the dict knows it ({@link LocatedMap}), the file and line. Generated configs use
 * it through {@link #dict}; nested components are handed to the {@link ComponentResolver}.
 */
public final class ConfigReader {
  private final ComponentResolver resolver;
  private final List<ConfigProblem> problems = new ArrayList<>();

  public ConfigReader(ComponentResolver resolver) {
    this.resolver = resolver;
  }

  /** A reader whose nested components are problems: for configs without component parameters. */
  public static ConfigReader withoutRegistry() {
    return new ConfigReader(ComponentResolver.none());
  }

  public ComponentResolver resolver() {
    return resolver;
  }

  /**
   * Records a problem. {@code container} is the dict (or list) that holds the offending value and
   * {@code key} its key there (null for the container itself); they give the file and line.
   */
  public void problem(KeyPath path, Object container, Object key, String message, String hint) {
    problems.add(new ConfigProblem(path, message, hint, locate(container, key)));
  }

  /** Records a problem found elsewhere (by another reader), as it is. */
  public void problem(ConfigProblem problem) {
    problems.add(problem);
  }

  /**
   * Gives the problems recorded since {@code from} that have no file and line the location of
   * {@code key} in {@code container}: values inside lists and scalars do not know where they were
   * written, the dict that holds them does.
   */
  void locateSince(int from, Object container, Object key) {
    SourceLocation location = locate(container, key);
    if (location == null) {
      return;
    }
    for (int i = from; i < problems.size(); i++) {
      ConfigProblem p = problems.get(i);
      if (p.location() == null) {
        problems.set(i, new ConfigProblem(p.path(), p.message(), p.hint(), location));
      }
    }
  }

  public List<ConfigProblem> problems() {
    return Collections.unmodifiableList(problems);
  }

  public int problemCount() {
    return problems.size();
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  /**
   * Starts reading {@code raw} as the dict of {@code what} (a type name, for messages). Returns null
   * (and records a problem) when it is not a dict.
   */
  public DictReader dict(Object raw, KeyPath path, String what) {
    if (raw instanceof Map<?, ?> map) {
      return new DictReader(this, map, path, what);
    }
    problem(path, null, null, "expected a dict for " + what + " but got " + describe(raw), null);
    return null;
  }

  /** Throws a {@link ConfigException} with every problem when there were any, else returns {@code value}. */
  public <T> T finish(T value, String what) {
    if (hasProblems()) {
      throw new ConfigException(what, problems);
    }
    return value;
  }

  /** A value's Python type and text for messages: {@code str 'abc'}, {@code float 1.5}. */
  public static String describe(Object value) {
    if (value == null) {
      return "None";
    }
    String text;
    try {
      text = PyRepr.repr(value);
    } catch (IllegalArgumentException notAConfigValue) {
      text = String.valueOf(value);
    }
    if (text.length() > 60) {
      text = text.substring(0, 57) + "...";
    }
    return pythonTypeName(value) + " " + text;
  }

  /** The Python type name of a config value: {@code int}, {@code float}, {@code str}, {@code tuple}. */
  public static String pythonTypeName(Object value) {
    if (value == null) {
      return "NoneType";
    } else if (value instanceof Boolean) {
      return "bool";
    } else if (value instanceof Double || value instanceof Float) {
      return "float";
    } else if (value instanceof Number) {
      return "int";
    } else if (value instanceof CharSequence) {
      return "str";
    } else if (value instanceof Tuple) {
      return "tuple";
    } else if (value instanceof List) {
      return "list";
    } else if (value instanceof Map) {
      return "dict";
    }
    return value.getClass().getSimpleName();
  }

  private static SourceLocation locate(Object container, Object key) {
    if (container instanceof LocatedMap located) {
      return (key == null ? located.location() : located.locationOf(key)).orElse(null);
    }
    return null;
  }
}
