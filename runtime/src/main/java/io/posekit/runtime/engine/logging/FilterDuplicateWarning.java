package io.posekit.runtime.engine.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MMEngine's {@code FilterDuplicateWarning}: each appender shows a WARNING message (its unformatted
 * text) once; other levels pass.
 */
public final class FilterDuplicateWarning extends Filter<ILoggingEvent> {
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  @Override
  public FilterReply decide(ILoggingEvent event) {
    if (event.getLevel() != Level.WARN) {
      return FilterReply.NEUTRAL;
    }
    return seen.add(String.valueOf(event.getMessage())) ? FilterReply.NEUTRAL : FilterReply.DENY;
  }
}
