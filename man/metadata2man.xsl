<?xml version="1.0"?>
<!-- SPDX-License-Identifier: GPL-2.0-or-later -->
<!-- Turns the agent's own meta-data into the roff man page ocf_berth_docker(7), so the manual
     is rebuilt from the code at every build and cannot drift from it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:param name="date" select="''"/>
<xsl:param name="version" select="''"/>

<!-- roff-escape a paragraph (whitespace already normalized, so one line): backslashes become
     \e, and a zero-width \& in front keeps a leading dot or quote from being read as a request. -->
<xsl:template name="esc">
  <xsl:param name="s"/>
  <xsl:text>\&amp;</xsl:text>
  <xsl:call-template name="replace">
    <xsl:with-param name="s" select="$s"/>
    <xsl:with-param name="from" select="'\'"/>
    <xsl:with-param name="to" select="'\e'"/>
  </xsl:call-template>
</xsl:template>

<xsl:template name="replace">
  <xsl:param name="s"/><xsl:param name="from"/><xsl:param name="to"/>
  <xsl:choose>
    <xsl:when test="contains($s, $from)">
      <xsl:value-of select="substring-before($s, $from)"/><xsl:value-of select="$to"/>
      <xsl:call-template name="replace">
        <xsl:with-param name="s" select="substring-after($s, $from)"/>
        <xsl:with-param name="from" select="$from"/><xsl:with-param name="to" select="$to"/>
      </xsl:call-template>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="/resource-agent">
<xsl:text>'\" t
.TH OCF_BERTH_DOCKER 7 "</xsl:text><xsl:value-of select="$date"/>
<xsl:text>" "berth </xsl:text><xsl:value-of select="$version"/><xsl:text>" "OCF resource agents"
.SH NAME
ocf:berth:docker \- </xsl:text><xsl:value-of select="normalize-space(shortdesc)"/><xsl:text>
.SH SYNOPSIS
\fBdocker\fR [start | stop | monitor | promote | demote | notify | reload\-agent | validate\-all | meta\-data | usage]
.SH DESCRIPTION
</xsl:text>
<xsl:call-template name="esc"><xsl:with-param name="s" select="normalize-space(longdesc)"/></xsl:call-template>
<xsl:text>
.SH PARAMETERS
</xsl:text>
<xsl:for-each select="parameters/parameter">
<xsl:text>.TP
\fB</xsl:text><xsl:value-of select="@name"/><xsl:text>\fR (</xsl:text>
<xsl:value-of select="content/@type"/>
<xsl:if test="@required = '1'"><xsl:text>, required</xsl:text></xsl:if>
<xsl:if test="@reloadable = '1'"><xsl:text>, reloadable</xsl:text></xsl:if>
<xsl:if test="content/@default"><xsl:text>, default "</xsl:text><xsl:value-of select="content/@default"/><xsl:text>"</xsl:text></xsl:if>
<xsl:text>): </xsl:text><xsl:value-of select="normalize-space(shortdesc)"/><xsl:text>
.br
</xsl:text>
<xsl:call-template name="esc"><xsl:with-param name="s" select="normalize-space(longdesc)"/></xsl:call-template>
<xsl:text>
</xsl:text>
</xsl:for-each>
<xsl:text>.SH ACTIONS
Default timeouts and intervals, as advertised to Pacemaker:
.TS
l l l l.
action	timeout	interval	role
</xsl:text>
<xsl:for-each select="actions/action">
<xsl:value-of select="@name"/><xsl:text>	</xsl:text><xsl:value-of select="@timeout"/><xsl:text>	</xsl:text>
<xsl:choose><xsl:when test="@interval"><xsl:value-of select="@interval"/></xsl:when><xsl:otherwise>\-</xsl:otherwise></xsl:choose>
<xsl:text>	</xsl:text>
<xsl:choose><xsl:when test="@role"><xsl:value-of select="@role"/></xsl:when><xsl:otherwise>\-</xsl:otherwise></xsl:choose>
<xsl:text>
</xsl:text>
</xsl:for-each>
<xsl:text>.TE
.SH EXIT STATUS
0 success; 1 generic error (reason on stderr after "ocf\-exit\-reason:"); 2 invalid arguments;
3 unimplemented action; 5 not installed on this node (e.g. image missing and allow_pull off);
6 not configured (bad parameters, refused run_opts); 7 not running; 8 running and promoted;
9 promoted but failed.
.PP
A "reloadable" parameter can change without restarting the container (reload\-agent).
.SH NODE\-LOCAL SETTINGS
Besides the CIB, berth reads
.I /etc/berth/berth.conf
and then
.IR /etc/berth/conf.d/ *.conf
in name order, at every action. They give a resource, on one node, what its CIB does not: above
all the replicas of a Pacemaker bundle, whose parameters Pacemaker writes itself (monitor_cmd is
/bin/true, no credentials, no health check).
.PP
.nf
# a comment: a line whose first non\-blank character is #
[defaults]
postmortem_lines = 500
[resource haproxy\-bundle\-docker\-*]
monitor_cmd = /usr/local/bin/haproxy\-check
query_docker_health = true
authfile = /etc/berth/registry\-auth.json
.fi
.PP
Keys are the parameters above. A
.B [defaults]
setting fills a parameter the CIB leaves unset, for every berth resource of the node. A
.B [resource \fIGLOB\fB]
setting applies to the resources whose OCF_RESOURCE_INSTANCE (a clone's ":N" removed) matches the
shell pattern GLOB, and wins over the CIB. A value is the rest of the line after "=", blanks
trimmed, taken literally (no quotes, no comment after it); a later line, and a later file, wins.
image, name, run_opts, run_cmd, mount_points and docker_socket say what the container is, which
must be the same on every node: they stay in the CIB, and setting one here is an error.
.PP
A line berth cannot read, an unknown or forbidden key, a value of the wrong type, a file or
directory that is not root's or that others may write, and a symbolic link (its target's
directory would decide what berth runs as root) are errors: none of the files is applied, and
validate\-all and start fail with 6, the reason naming file and line. Every other action (monitor,
stop, reload, promote, demote, notify) runs on the CIB's values alone and logs why: a typo must
never fail a running resource, nor a stop fence a node.
.PP
.B berth explain
shows where each value comes from (the CIB, the default, or file:line and section),
.B berth status
this node's checksum of the files: the first 16 hex digits of the SHA\-256 of their bytes one
after the other, in the order read (what
.B sha256sum
says of their
.BR cat ). The agent publishes it as the transient node attribute
.B berth\-conf
(crm_attribute \-l reboot; "invalid" for files with an error, deleted when there are none), so
that
.B crm_mon \-A
shows when nodes differ. That is best effort: it is set when it changes (and again every
10 minutes), within 1.5 s, and an action never fails or waits longer for it.
.SH EXAMPLE
.nf
pcs resource create web ocf:berth:docker image=nginx:1.25 \e
    run_opts="\-v /srv/www:/usr/share/nginx/html:ro \-\-init" \e
    op monitor interval=10s
.fi
.SH SEE ALSO
\fBberth\fR(8), \fBocf_heartbeat_docker\fR(7), \fBpcs\fR(8), \fBcrm_resource\fR(8)
</xsl:text>
</xsl:template>
</xsl:stylesheet>
