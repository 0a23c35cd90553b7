package io.posekit.runtime.engine.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration when PoseKit starts, in code rather than a {@code logback.xml} (each run
 * adds its own file, see {@link MMLogger}): INFO and above to standard error in MMEngine's console
 * format. A configuration file given with {@code -Dlogback.configurationFile} takes over instead.
 * Found by Logback through {@code META-INF/services}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class PoseKitLogbackConfigurator extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(MMLogger.consoleAppender(context, MMLogger.DEFAULT_CONSOLE, "System.err"));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
