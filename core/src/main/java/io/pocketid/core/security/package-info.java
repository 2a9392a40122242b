/** Random tokens and the hash under which every bearer secret is stored (never the secret). */
package io.pocketid.core.security;
