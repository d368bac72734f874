<?xml version="1.0"?>
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
.SH EXAMPLE
.nf
pcs resource create web ocf:berth:docker image=nginx:1.25 \e
    run_opts="\-v /srv/www:/usr/share/nginx/html:ro \-\-init" \e
    op monitor interval=10s
.fi
.SH SEE ALSO
\fBocf_heartbeat_docker\fR(7), \fBpcs\fR(8), \fBcrm_resource\fR(8)
</xsl:text>
</xsl:template>
</xsl:stylesheet>
