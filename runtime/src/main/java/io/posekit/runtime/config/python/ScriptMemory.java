package io.posekit.runtime.config.python;

import java.lang.management.ManagementFactory;

/**
 * The bytes the Python code of one load may allocate. The JVM counts every thread's allocations
 * ({@code com.sun.management.ThreadMXBean}); this reads the loading thread's count while config
 * code runs, so what Jython, the sandbox's builtins and the conversion of the result allocate for
 * the config counts, garbage included (an upper bound on what the config holds). Reading the count
 * costs tens of nanoseconds: it is read where the time budget is checked and by the operations
 * that allocate much at once, which ask first ({@link #fits}).
 */
final class ScriptMemory {
  private static final com.sun.management.ThreadMXBean THREADS = threads();

  private final long budget;
  private long spent; // bytes of earlier runs of this load (a base, then the child)
  private long mark = -1; // this thread's allocated bytes when the current run started; -1: not running

  ScriptMemory(long budget) {
    this.budget = budget;
  }

  long budget() {
    return budget;
  }

  void start() {
    mark = allocated();
  }

  void stop() {
    spent = used();
    mark = -1;
  }

  /** Bytes allocated by config code of this load so far. */
  long used() {
    return mark < 0 ? spent : spent + allocated() - mark;
  }

  boolean over() {
    return used() > budget;
  }

  /** Whether {@code bytes} more still fit the budget. */
  boolean fits(long bytes) {
    return bytes >= 0 && bytes <= budget - used();
  }

  private static long allocated() {
    return THREADS == null ? 0 : THREADS.getCurrentThreadAllocatedBytes();
  }

  private static com.sun.management.ThreadMXBean threads() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
        && bean.isThreadAllocatedMemorySupported()) {
      if (!bean.isThreadAllocatedMemoryEnabled()) {
        bean.setThreadAllocatedMemoryEnabled(true);
      }
      return bean;
    }
    return null; // a JVM without per-thread counts: only the checks ahead of large allocations apply
  }
}
