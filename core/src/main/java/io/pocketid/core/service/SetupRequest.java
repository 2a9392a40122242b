package io.pocketid.core.service;

/**
 * The initial admin's details (Pocket ID: {@code SignUpDto} without a token).
 *
 * @param username required
 * @param email nullable; required when the {@code requireUserEmail} setting is on
 * @param firstName required
 * @param lastName nullable
 */
public record SetupRequest(String username, String email, String firstName, String lastName) {}
