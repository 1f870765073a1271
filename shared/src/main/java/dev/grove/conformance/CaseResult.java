package dev.grove.conformance;

/**
 * How one case went.
 *
 * @param id the case's id
 * @param passed whether it passed
 * @param failure null when it passed, else the failure's description (type, message, and where)
 * @param millis how long it took
 */
public record CaseResult(String id, boolean passed, String failure, long millis) {}
