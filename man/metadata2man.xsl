<?xml version="1.0"?>
<!-- SPDX-License-Identifier: GPL-2.0-or-later -->
<!-- Turns the agent's own meta-data into the skeleton of the roff man page ocf_berth_docker(7),
     so the manual is rebuilt from the code at every build and cannot drift from it. The
     skeleton is the page's order: its generated parts (name, description, parameters, the
     actions' defaults) and a line '.\" include: NAME' for each of the other parts, which
     man/assemble replaces with man/ocf_berth_docker/NAME.roff (written by hand) or with a
     table man/exit-codes wrote at build time (exit-codes-causes, exit-codes-faults). -->
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
.\" Generated: edit man/metadata2man.xsl, man/ocf_berth_docker/*.roff or the code, not this page.
.\" No hyphenation and ragged right, as resource-agents' pages: option names stay whole.
.nh
.ad l
.SH NAME
ocf_berth_docker, ocf:berth:docker \- </xsl:text><xsl:value-of select="normalize-space(shortdesc)"/><xsl:text>
.SH SYNOPSIS
\fBdocker\fR [start | stop | monitor | promote | demote | notify | reload | reload\-agent | validate\-all | meta\-data | usage]
.SH DESCRIPTION
</xsl:text>
<xsl:call-template name="esc"><xsl:with-param name="s" select="normalize-space(longdesc)"/></xsl:call-template>
<xsl:text>
.\" include: description
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
<xsl:text>.PP
A "reloadable" parameter can change without restarting the container (see RELOAD and
META\-DATA DIALECT).
.SH ACTIONS
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
.\" include: actions
.\" include: containers
.\" include: engine
.\" include: images
.\" include: promotable
.\" include: podman
.\" include: dialect
.\" include: node-settings
.\" include: exit-codes
.\" include: exit-codes-causes
.\" include: exit-codes-faults-intro
.\" include: exit-codes-faults
.\" include: exit-codes-after
.\" include: files
.\" include: environment
.\" include: security
.\" include: examples
.\" include: see-also
</xsl:text>
</xsl:template>
</xsl:stylesheet>
