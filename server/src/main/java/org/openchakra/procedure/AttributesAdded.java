package org.openchakra.procedure;

import java.util.List;

/** Published when attributes join a procedure (at creation or later), for the indexes that serve them. */
public record AttributesAdded(List<Procedure.Attribute> attributes) {}
