package io.posekit.tfmodels.distributed;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetTarget;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.Graph;
import org.tensorflow.Server;
import org.tensorflow.Session;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.JobDef;
import org.tensorflow.proto.ServerDef;

/**
 * This process's task in a TensorFlow cluster of one job, {@code worker}, with one task per rank:
 * its gRPC {@link Server}, and sessions whose target is that server, so the collective ops of
 * {@link Collectives} run across the processes.
 *
 * <p>TensorFlow Java's {@link Session} has no constructor taking a target, so
 * {@link #openSession} makes the session through the C API ({@code TF_SetTarget} on the session
 * options, then {@code TF_NewSession}) and hands it to {@code Session}'s package-private
 * constructor that adopts a native session. TensorFlow cannot stop a gRPC server cleanly
 * ({@code TF_ServerStop} answers "Clean shutdown is not currently implemented"): the server lives
 * as long as its process, which is how {@code tf.distribute} workers behave too.
 */
public final class TfCluster {
  public static final String JOB = "worker";

  private final DistInfo dist;
  private final List<String> addresses;
  private final Server server;
  private final Rendezvous rendezvous;

  private TfCluster(DistInfo dist, List<String> addresses, Server server, Rendezvous rendezvous) {
    this.dist = dist;
    this.addresses = addresses;
    this.server = server;
    this.rendezvous = rendezvous;
  }

  /**
   * Joins the run: picks a free port for this task's server, meets the other ranks at the master's
   * rendezvous, starts the server with the whole cluster.
   */
  public static TfCluster start(DistInfo dist, String masterAddr, int masterPort, Duration timeout) {
    int port = freePort();
    Rendezvous rendezvous = Rendezvous.join(dist, masterAddr, masterPort, port, timeout);
    try {
      JobDef.Builder job = JobDef.newBuilder().setName(JOB);
      List<String> addresses = rendezvous.addresses();
      for (int task = 0; task < addresses.size(); task++) {
        job.putTasks(task, addresses.get(task));
      }
      ServerDef def = ServerDef.newBuilder()
          .setCluster(ClusterDef.newBuilder().addJob(job))
          .setJobName(JOB)
          .setTaskIndex(dist.rank())
          .setProtocol("grpc")
          .setDefaultSessionConfig(sessionConfig(ConfigProto.getDefaultInstance()))
          .build();
      Server server = new Server(def);
      server.start();
      return new TfCluster(dist, addresses, server, rendezvous);
    } catch (RuntimeException e) {
      rendezvous.close();
      throw new DistributedException("rank " + dist.rank() + " could not start its TensorFlow server on port " + port
          + ": " + e.getMessage(), e);
    }
  }

  public DistInfo dist() {
    return dist;
  }

  public Rendezvous rendezvous() {
    return rendezvous;
  }

  /** This task's device name prefix, {@code /job:worker/replica:0/task:R}: every op of its graphs goes there. */
  public String taskDevice() {
    return "/job:" + JOB + "/replica:0/task:" + dist.rank();
  }

  /** The target of this task's sessions. */
  public String target() {
    String address = addresses.get(dist.rank());
    return "grpc://localhost:" + address.substring(address.lastIndexOf(':') + 1);
  }

  /** {@code config} with what collectives across tasks need: task 0 leads the collective groups. */
  public static ConfigProto sessionConfig(ConfigProto config) {
    return config.toBuilder()
        .setExperimental(config.getExperimental().toBuilder()
            .setCollectiveGroupLeader("/job:" + JOB + "/replica:0/task:0"))
        .build();
  }

  /** A session on {@code graph} whose target is this task's server. */
  public Session openSession(Graph graph, ConfigProto config) {
    byte[] bytes = sessionConfig(config).toByteArray();
    TF_SessionOptions options = TF_NewSessionOptions();
    try (TF_Status status = TF_Status.newStatus(); BytePointer configBytes = new BytePointer(bytes)) {
      TF_SetTarget(options, target());
      TF_SetConfig(options, configBytes, bytes.length, status);
      status.throwExceptionIfNotOK();
      TF_Session session = TF_NewSession(nativeGraph(graph), options, status);
      status.throwExceptionIfNotOK();
      return adopt(graph, session);
    } finally {
      TF_DeleteSessionOptions(options);
    }
  }

  private static TF_Graph nativeGraph(Graph graph) {
    try {
      Field handle = Graph.class.getDeclaredField("nativeHandle");
      handle.setAccessible(true);
      return (TF_Graph) handle.get(graph);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this TensorFlow Java has no Graph.nativeHandle (PoseKit is built for 1.1.0)", e);
    }
  }

  private static Session adopt(Graph graph, TF_Session session) {
    try {
      Constructor<Session> adopt = Session.class.getDeclaredConstructor(Graph.class, TF_Session.class);
      adopt.setAccessible(true);
      return adopt.newInstance(graph, session);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this TensorFlow Java cannot adopt a native session (PoseKit is built for 1.1.0)", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new DistributedException("no free port for this process's TensorFlow server: " + e.getMessage(), e);
    }
  }
}
