package io.posekit.tfmodels.fileio;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries a remote read on transient faults (connection reset, 5xx, 429, timeouts) with exponential
 * backoff and jitter, then fails naming the URI and the last fault. A missing object is not
 * transient: it fails at once.
 */
final class Retry {
  /** One try of a read. */
  interface Attempt<T> {
    T run() throws TransientFault;
  }

  /** A fault worth trying again: the same request may well succeed a moment later. */
  static final class TransientFault extends Exception {
    TransientFault(String why, Throwable cause) {
      super(why, cause);
    }

    TransientFault(String why) {
      super(why);
    }
  }

  private final int attempts;
  private final Duration firstBackoff;
  private final Duration maxBackoff;

  Retry(int attempts, Duration firstBackoff, Duration maxBackoff) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
  }

  /** Five tries over about three seconds. */
  static Retry standard() {
    return new Retry(5, Duration.ofMillis(200), Duration.ofSeconds(2));
  }

  /** Request timeout, too many requests, and server errors but 501 (which says it never will). */
  static boolean transientStatus(int status) {
    return status == 408 || status == 429 || (status >= 500 && status != 501);
  }

  int attempts() {
    return attempts;
  }

  <T> T call(String uri, Attempt<T> attempt) {
    TransientFault last = null;
    for (int i = 0; i < attempts; i++) {
      if (i > 0) {
        sleep(uri, backoff(i));
      }
      try {
        return attempt.run();
      } catch (TransientFault f) {
        last = f;
      }
    }
    throw new StorageException(uri, uri + ": still failing after " + attempts + " attempts: " + last.getMessage(), last);
  }

  /** Doubling from the first backoff up to the cap, each drawn between half and all of it. */
  private long backoff(int retry) {
    long cap = Math.min(maxBackoff.toMillis(), firstBackoff.toMillis() << Math.min(retry - 1, 20));
    return cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
  }

  private static void sleep(String uri, long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(uri, uri + ": interrupted while waiting to retry", e);
    }
  }
}
