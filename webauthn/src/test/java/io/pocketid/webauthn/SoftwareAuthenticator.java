package io.pocketid.webauthn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A passkey authenticator in software (ES256, attestation "none") whose every output can be bent to
 * test one verification rule at a time: user verification, origin, RP ID, counter, challenge.
 */
public final class SoftwareAuthenticator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  static final byte[] AAGUID = new byte[16];

  private final KeyPair keyPair;
  private final byte[] credentialId;
  private byte[] userHandle;
  private long counter;

  // What the next ceremony sends; tests change these to break one rule.
  public String origin;
  String rpId;
  public boolean userVerified = true;
  boolean backupEligible = true;
  boolean backupState = true;
  String challengeOverride;
  boolean incrementCounter = true;

  public SoftwareAuthenticator(String origin, String rpId) {
    this.origin = origin;
    this.rpId = rpId;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      this.keyPair = generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    this.credentialId = new byte[32];
    new java.security.SecureRandom().nextBytes(credentialId);
  }

  byte[] credentialId() {
    return credentialId.clone();
  }

  public void setCounter(long value) {
    counter = value;
  }

  /** Answers {@code navigator.credentials.create()} with the given options JSON. */
  public String register(String optionsJson) throws Exception {
    JsonNode options = JSON.readTree(optionsJson);
    userHandle = Base64.getUrlDecoder().decode(options.get("user").get("id").asText());
    byte[] clientData = clientData("webauthn.create", options.get("challenge").asText());
    byte[] authData = authenticatorData(true);
    Map<String, Object> attestation = new LinkedHashMap<>();
    attestation.put("fmt", "none");
    attestation.put("attStmt", Map.of());
    attestation.put("authData", authData);
    ObjectNode response = JSON.createObjectNode();
    response.put("clientDataJSON", B64URL.encodeToString(clientData));
    response.put("attestationObject", B64URL.encodeToString(Cbor.encode(attestation)));
    response.putArray("transports").add("internal");
    ObjectNode credential = credentialNode();
    credential.set("response", response);
    credential.putObject("clientExtensionResults").putObject("credProps").put("rk", true);
    return JSON.writeValueAsString(credential);
  }

  /** Answers {@code navigator.credentials.get()} with the given options JSON. */
  public String authenticate(String optionsJson) throws Exception {
    JsonNode options = JSON.readTree(optionsJson);
    if (incrementCounter) {
      counter++;
    }
    byte[] clientData = clientData("webauthn.get", options.get("challenge").asText());
    byte[] authData = authenticatorData(false);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keyPair.getPrivate());
    signer.update(authData);
    signer.update(MessageDigest.getInstance("SHA-256").digest(clientData));
    ObjectNode response = JSON.createObjectNode();
    response.put("clientDataJSON", B64URL.encodeToString(clientData));
    response.put("authenticatorData", B64URL.encodeToString(authData));
    response.put("signature", B64URL.encodeToString(signer.sign()));
    response.put("userHandle", B64URL.encodeToString(userHandle));
    ObjectNode credential = credentialNode();
    credential.set("response", response);
    credential.putObject("clientExtensionResults");
    return JSON.writeValueAsString(credential);
  }

  private ObjectNode credentialNode() {
    ObjectNode credential = JSON.createObjectNode();
    credential.put("id", B64URL.encodeToString(credentialId));
    credential.put("rawId", B64URL.encodeToString(credentialId));
    credential.put("type", "public-key");
    credential.put("authenticatorAttachment", "platform");
    return credential;
  }

  private byte[] clientData(String type, String challenge) throws Exception {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", type);
    node.put("challenge", challengeOverride != null ? challengeOverride : challenge);
    node.put("origin", origin);
    node.put("crossOrigin", false);
    return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] authenticatorData(boolean withCredential) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        MessageDigest.getInstance("SHA-256").digest(rpId.getBytes(StandardCharsets.UTF_8)));
    int flags = 0x01; // UP
    if (userVerified) {
      flags |= 0x04;
    }
    if (backupEligible) {
      flags |= 0x08;
    }
    if (backupState) {
      flags |= 0x10;
    }
    if (withCredential) {
      flags |= 0x40;
    }
    out.write(flags);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) counter).array());
    if (withCredential) {
      out.writeBytes(AAGUID);
      out.write(credentialId.length >> 8);
      out.write(credentialId.length & 0xff);
      out.writeBytes(credentialId);
      out.writeBytes(coseKey());
    }
    return out.toByteArray();
  }

  private byte[] coseKey() {
    return coseKey((ECPublicKey) keyPair.getPublic());
  }

  /** The COSE_Key (EC2, ES256, P-256) of a public key, as authenticators send it. */
  public static byte[] coseKey(ECPublicKey key) {
    Map<Object, Object> cose = new LinkedHashMap<>();
    cose.put(1, 2); // kty: EC2
    cose.put(3, -7); // alg: ES256
    cose.put(-1, 1); // crv: P-256
    cose.put(-2, unsigned32(key.getW().getAffineX()));
    cose.put(-3, unsigned32(key.getW().getAffineY()));
    return Cbor.encode(cose);
  }

  private static byte[] unsigned32(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }
}
