/** Network addresses: IP ranges parsed without name lookups. */
package io.pocketid.core.net;
