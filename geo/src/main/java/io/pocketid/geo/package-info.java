/**
 * IP address to country and city from a MaxMind GeoLite2/GeoIP2 City database ({@link
 * io.pocketid.geo.MaxMindGeoLocator}), internal networks named without a lookup ({@link
 * io.pocketid.geo.InternalNetworks}), and the database's download and refresh ({@link
 * io.pocketid.geo.GeoDatabaseUpdater}). A missing or broken database never fails a request: the
 * location is unknown.
 */
package io.pocketid.geo;
