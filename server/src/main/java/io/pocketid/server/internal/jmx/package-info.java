/** Internal: a platform MBean server created only when something asks for one (start-up time). */
package io.pocketid.server.internal.jmx;
