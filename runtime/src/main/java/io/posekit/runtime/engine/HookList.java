package io.posekit.runtime.engine;

import io.posekit.annotations.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The registered hooks in calling order, MMEngine's {@code register_hook}: a hook goes after every
 * hook whose priority is lower or equal, so equal priorities run in registration order.
 */
public final class HookList {
  private record Entry(Hook hook, int priority) {}

  private final List<Entry> entries = new ArrayList<>();

  /** Registers with the hook's own priority, or {@code priority} (name, int or {@link Priority}) when given. */
  public void register(Hook hook, @Nullable Object priority) {
    int p = priority == null ? hook.priority().value() : Priority.of(priority);
    int at = 0;
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (p >= entries.get(i).priority()) {
        at = i + 1;
        break;
      }
    }
    entries.add(at, new Entry(hook, p));
  }

  public List<Hook> hooks() {
    return entries.stream().map(Entry::hook).toList();
  }

  public int priorityOf(Hook hook) {
    return entries.stream().filter(e -> e.hook() == hook).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(hook + " is not registered")).priority();
  }

  /** Calls every hook in order; an exception stops the run (a hook failure is never ignored). */
  public void call(Consumer<Hook> point) {
    for (Entry e : entries) {
      point.accept(e.hook());
    }
  }
}
