package io.posekit.tfmodels.fileio;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (s3proxy over jclouds' in-memory blob store) on loopback, one per JVM,
 * with the AWS SDK's system properties pointing at it: endpoint, keys and region, as a user sets
 * {@code AWS_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID}, ... One server for all tests because
 * {@link FileIO} keeps one client per backend arguments, bound to the endpoint it first saw.
 */
public final class S3TestServer {
  public static final String ACCESS_KEY = "posekit-access";
  public static final String SECRET_KEY = "posekit-secret";
  private static S3Proxy proxy;
  private static S3Client client;

  private S3TestServer() {}

  /** Starts the server if needed and returns its endpoint, {@code http://127.0.0.1:PORT}. */
  public static synchronized URI start() {
    if (proxy == null) {
      Properties overrides = new Properties();
      BlobStoreContext context = ContextBuilder.newBuilder("transient")
          .credentials("identity", "credential").overrides(overrides).build(BlobStoreContext.class);
      S3Proxy p = S3Proxy.builder()
          .blobStore(context.getBlobStore())
          .endpoint(URI.create("http://127.0.0.1:0"))
          .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
          .build();
      try {
        p.start();
        while (!"STARTED".equals(p.getState())) {
          Thread.sleep(5);
        }
      } catch (Exception e) {
        throw new IllegalStateException("s3proxy did not start: " + e, e);
      }
      proxy = p;
      System.setProperty("aws.endpointUrl", endpoint().toString());
      System.setProperty("aws.accessKeyId", ACCESS_KEY);
      System.setProperty("aws.secretAccessKey", SECRET_KEY);
      System.setProperty("aws.region", "us-east-1");
    }
    return endpoint();
  }

  public static URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** A client of the server for setting up buckets and objects. */
  public static synchronized S3Client client() {
    start();
    if (client == null) {
      client = S3Client.builder()
          .httpClient(UrlConnectionHttpClient.create())
          .endpointOverride(endpoint())
          .forcePathStyle(true)
          .region(Region.US_EAST_1)
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
          .build();
    }
    return client;
  }

  public static void createBucket(String bucket) {
    client().createBucket(b -> b.bucket(bucket));
  }

  public static void put(String bucket, String key, byte[] bytes) {
    client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
  }
}
