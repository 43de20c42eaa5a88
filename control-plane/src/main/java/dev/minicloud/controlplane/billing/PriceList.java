package dev.minicloud.controlplane.billing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.minicloud.controlplane.metering.Meters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The price list ({@code docs/pricing.yaml}, operator-editable): a version, a currency and a price
 * per meter. A price is {@code rate} per {@code per} units of the meter, so "0.023 per GB-month" is
 * {@code rate: "0.023", per: 730000000000} for {@code storage.byte-hours}.
 *
 * @param version the list's version, recorded on every invoice
 * @param currency e.g. USD
 * @param prices by meter name; {@code compute.instance-seconds.*} prices instance types without an
 *     entry of their own
 */
public record PriceList(String version, String currency, Map<String, Price> prices) {

  /** Where the default list is inside the jar (copied from docs/pricing.yaml at build time). */
  public static final String DEFAULT_RESOURCE = "/dev/minicloud/controlplane/billing/pricing.yaml";
  /** An operator's price list in the data directory wins over the default. */
  public static final String DATA_FILE = "pricing.yaml";

  /**
   * One meter's price.
   *
   * @param rate the price of {@code per} units, in the list's currency
   * @param per how many meter units the rate is for (e.g. 1000 requests)
   * @param priceUnit how people say it, e.g. {@code GB-month}
   */
  public record Price(BigDecimal rate, BigDecimal per, String priceUnit) {
    public Price {
      Objects.requireNonNull(rate, "rate");
      Objects.requireNonNull(per, "per");
      if (rate.signum() < 0 || per.signum() <= 0) {
        throw new IllegalArgumentException("a price needs rate >= 0 and per > 0");
      }
    }
  }

  public PriceList {
    Objects.requireNonNull(version, "price list version");
    Objects.requireNonNull(currency, "price list currency");
    prices = Map.copyOf(prices == null ? Map.of() : new TreeMap<>(prices));
  }

  /** The price of a meter, falling back to the compute wildcard for instance types. */
  public Optional<Price> priceOf(String meter) {
    Price exact = prices.get(meter);
    if (exact != null) {
      return Optional.of(exact);
    }
    if (meter.startsWith(Meters.COMPUTE_PREFIX)) {
      return Optional.ofNullable(prices.get(Meters.COMPUTE_PREFIX + "*"));
    }
    return Optional.empty();
  }

  /** {@code <data>/pricing.yaml} if present, else {@code explicit} if given, else the built-in default. */
  public static PriceList load(Optional<Path> explicit, Path dataDir) {
    if (explicit.isPresent()) {
      return read(explicit.get());
    }
    Path inData = dataDir.resolve(DATA_FILE);
    if (Files.isRegularFile(inData)) {
      return read(inData);
    }
    return defaults();
  }

  public static PriceList defaults() {
    try (InputStream in = PriceList.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("default price list missing from the jar: " + DEFAULT_RESOURCE);
      }
      return mapper().readValue(in, PriceList.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the default price list", e);
    }
  }

  public static PriceList read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return mapper().readValue(in, PriceList.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read price list " + file, e);
    }
  }

  private static ObjectMapper mapper() {
    return new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
