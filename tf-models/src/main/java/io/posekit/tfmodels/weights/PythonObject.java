package io.posekit.tfmodels.weights;

import java.util.LinkedHashMap;

/**
 * An instance of a Python class the checkpoint reader has no Java counterpart for (numpy arrays in
 * {@code meta}, MMEngine's {@code HistoryBuffer}, ...): its class name, construction arguments and
 * {@code __setstate__} state are kept as read. It is a map so that dict subclasses fill it.
 */
public final class PythonObject extends LinkedHashMap<Object, Object> {
  private static final long serialVersionUID = 1L;

  private final String className;
  private final transient Object[] args;
  private transient Object state;

  PythonObject(String className, Object[] args) {
    this.className = className;
    this.args = args.clone();
  }

  public String className() {
    return className;
  }

  public Object[] args() {
    return args.clone();
  }

  public Object state() {
    return state;
  }

  void setState(Object value) {
    this.state = value;
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return className + "(...)";
  }
}
