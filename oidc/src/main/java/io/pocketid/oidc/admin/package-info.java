/**
 * Administration of OIDC clients ({@link io.pocketid.oidc.admin.ClientService}): the rules for a
 * client's id, name, redirect URIs and secrets, applied before anything is stored.
 */
package io.pocketid.oidc.admin;
