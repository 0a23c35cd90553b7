package io.posekit.tfmodels.fileio;

import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * MMEngine's {@code PetrelBackend} ({@code backend='petrel'}, {@code s3://} and {@code petrel://})
 * on any S3-compatible store through the AWS SDK for Java v2. The path goes through
 * {@code path_mapping}, backslashes become slashes and {@code petrel://} becomes {@code s3://}, as
 * MMEngine does; then {@code s3://bucket/key}. Endpoint, credentials and region come from the AWS
 * SDK's usual places: {@code AWS_ENDPOINT_URL_S3}/{@code AWS_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID}
 * and {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_REGION}, {@code ~/.aws/credentials} and
 * {@code ~/.aws/config} with {@code AWS_PROFILE} (and their {@code aws.*} system properties). With a
 * custom endpoint, buckets are addressed by path as S3-compatible servers expect. The SDK's own
 * retries are off: transient faults are retried here as for HTTP, so both fail the same way.
 */
final class PetrelBackend implements StorageBackend {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final PathMapping pathMapping;
  private final Retry retry;
  private final Duration readTimeout;
  private volatile S3Client client;

  PetrelBackend(PathMapping pathMapping, Retry retry, Duration readTimeout) {
    this.pathMapping = pathMapping;
    this.retry = retry;
    this.readTimeout = readTimeout;
  }

  static PetrelBackend create(BackendArgs args) {
    PathMapping mapping = PathMapping.of(args.take("path_mapping"), "petrel backend");
    args.takeBoolean("enable_mc", true); // memcached is the Petrel client's own cache; S3 has none to enable
    String confPath = args.takeString("conf_path", null);
    if (confPath != null) {
      throw new IllegalArgumentException("backend_args.conf_path: PoseKit reaches S3 through the AWS SDK, which reads"
          + " AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_REGION and ~/.aws/{config,credentials},"
          + " not a petreloss.conf (" + confPath + ")");
    }
    args.requireAllTaken();
    return new PetrelBackend(mapping, Retry.standard(), READ_TIMEOUT);
  }

  @Override
  public String name() {
    return "petrel";
  }

  @Override
  public boolean isRemote() {
    return true;
  }

  private S3Client client() {
    if (client == null) {
      synchronized (this) {
        if (client == null) {
          client = newClient();
        }
      }
    }
    return client;
  }

  private S3Client newClient() {
    Region region;
    try {
      region = new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      region = Region.US_EAST_1; // S3-compatible servers rarely care; AWS's S3 answers with a redirect otherwise
    }
    try {
      return S3Client.builder()
          .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(readTimeout).build())
          .credentialsProvider(DefaultCredentialsProvider.builder().build())
          .region(region)
          .forcePathStyle(customEndpoint())
          // S3-compatible servers often lack the newer checksum headers; S3 requires none for reads
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
          .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallAttemptTimeout(readTimeout))
          .build();
    } catch (SdkException e) {
      throw new IllegalArgumentException("the petrel backend cannot set up its S3 client: " + e.getMessage(), e);
    }
  }

  /** Whether the endpoint is an S3-compatible server's, set as the SDK reads it from the environment. */
  private static boolean customEndpoint() {
    if (setting("aws.endpointUrlS3", "AWS_ENDPOINT_URL_S3").or(() -> setting("aws.endpointUrl", "AWS_ENDPOINT_URL")).isPresent()) {
      return true;
    }
    String profile = ProfileFileSystemSetting.AWS_PROFILE.getStringValue().orElse("default");
    try {
      return ProfileFile.defaultProfileFile().profile(profile).flatMap(p -> p.property("endpoint_url")).isPresent();
    } catch (SdkException e) {
      return false; // no readable config file: the SDK reports what it needs when it builds the client
    }
  }

  private static Optional<String> setting(String property, String variable) {
    String v = System.getProperty(property);
    return Optional.ofNullable(v != null ? v : System.getenv(variable)).filter(s -> !s.isEmpty());
  }

  /** {@code s3://bucket/key} after MMEngine's mapping, formatting and prefix replacement. */
  String resolve(String filepath) {
    String mapped = pathMapping.map(filepath).replaceAll("\\\\+", "/").replace("petrel://", "s3://");
    int at = mapped.indexOf("://");
    if (at < 0 || !mapped.substring(0, at).equals("s3")) {
      String why = at > 0 && mapped.substring(0, at).contains(":")
          ? "names a Petrel cluster, which needs a petreloss.conf PoseKit does not read"
          : "is not an s3:// path" + (pathMapping.isEmpty() ? "" : " after path_mapping " + pathMapping);
      throw new StorageException(filepath, filepath + ": the petrel backend reads s3://bucket/key paths; " + mapped + " " + why);
    }
    return mapped;
  }

  private record Location(String bucket, String key) {}

  private static Location locate(String uri) {
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      throw new StorageException(uri, uri + ": needs a bucket and a key, s3://bucket/key");
    }
    return new Location(rest.substring(0, slash), rest.substring(slash + 1));
  }

  private String named(String filepath, String uri) {
    return filepath.equals(uri) ? uri : uri + " (path_mapping of " + filepath + ")";
  }

  @Override
  public byte[] get(String filepath) {
    String uri = resolve(filepath);
    Location at = locate(uri);
    return retry.call(named(filepath, uri), () -> {
      try {
        return client().getObjectAsBytes(b -> b.bucket(at.bucket()).key(at.key())).asByteArray();
      } catch (NoSuchKeyException | NoSuchBucketException e) {
        throw new MissingFileException(uri, named(filepath, uri) + ": no such object (" + e.awsErrorDetails().errorCode() + ")");
      } catch (S3Exception e) {
        throw classify(filepath, uri, e);
      } catch (SdkClientException e) {
        throw new Retry.TransientFault(e.getMessage(), e);
      }
    });
  }

  private Retry.TransientFault classify(String filepath, String uri, S3Exception e) {
    int status = e.statusCode();
    if (status == 404) {
      throw new MissingFileException(uri, named(filepath, uri) + ": no such object (HTTP 404)");
    }
    if (Retry.transientStatus(status)) {
      return new Retry.TransientFault("HTTP " + status + " " + errorCode(e), e);
    }
    throw new StorageException(uri, named(filepath, uri) + ": HTTP " + status + " " + errorCode(e), e);
  }

  private static String errorCode(S3Exception e) {
    return e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
  }

  /** Petrel's {@code exists}: an object, or a "folder" (some object under {@code key/}). */
  @Override
  public boolean exists(String filepath) {
    String uri = resolve(filepath);
    Location at = locate(uri);
    return retry.call(named(filepath, uri), () -> {
      try {
        client().headObject(b -> b.bucket(at.bucket()).key(at.key()));
        return true;
      } catch (S3Exception e) {
        if (e.statusCode() != 404) {
          throw classify(filepath, uri, e);
        }
      } catch (SdkClientException e) {
        throw new Retry.TransientFault(e.getMessage(), e);
      }
      String folder = at.key().endsWith("/") ? at.key() : at.key() + "/";
      try {
        return client().listObjectsV2(b -> b.bucket(at.bucket()).prefix(folder).maxKeys(1)).keyCount() > 0;
      } catch (NoSuchBucketException e) {
        return false;
      } catch (S3Exception e) {
        throw classify(filepath, uri, e);
      } catch (SdkClientException e) {
        throw new Retry.TransientFault(e.getMessage(), e);
      }
    });
  }

  /** Petrel's {@code join_path}: parts joined by {@code /}, without doubled slashes at the joins. */
  @Override
  public String joinPath(String filepath, String... parts) {
    String base = pathMapping.map(filepath).replaceAll("\\\\+", "/");
    StringBuilder out = new StringBuilder(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    for (String part : parts) {
      String p = pathMapping.map(part).replaceAll("\\\\+", "/");
      out.append('/').append(p.replaceFirst("^/+", ""));
    }
    return out.toString();
  }
}
