{{/* Chart name, overridable. */}}
{{- define "health-agent.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-qualified name; object names must fit 63 characters. */}}
{{- define "health-agent.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one component's objects: (dict "context" $ "component" "api"). */}}
{{- define "health-agent.componentName" -}}
{{- printf "%s-%s" (include "health-agent.fullname" .context) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "health-agent.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels: (dict "context" $ "component" "api"); component may be empty. */}}
{{- define "health-agent.selectorLabels" -}}
app.kubernetes.io/name: {{ include "health-agent.name" .context }}
app.kubernetes.io/instance: {{ .context.Release.Name }}
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end -}}

{{/* Common labels: (dict "context" $ "component" "api"). */}}
{{- define "health-agent.labels" -}}
helm.sh/chart: {{ include "health-agent.chart" .context }}
{{ include "health-agent.selectorLabels" . }}
app.kubernetes.io/version: {{ .context.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .context.Release.Service }}
app.kubernetes.io/part-of: health-agent
{{- end -}}

{{- define "health-agent.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "health-agent.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
Image reference pinned by digest: (dict "component" "api" "image" .Values.api.image).
Tags are not accepted: a tag can be repointed after review, a digest cannot.
*/}}
{{- define "health-agent.image" -}}
{{- $digest := .image.digest | default "" -}}
{{- if not (regexMatch "^sha256:[0-9a-f]{64}$" $digest) -}}
{{- fail (printf "%s.image.digest must be sha256:<64 lowercase hex> (images are pinned by digest), got %q" .component $digest) -}}
{{- end -}}
{{- printf "%s@%s" .image.repository $digest -}}
{{- end -}}

{{/* Name of the ConfigMap of non-secret env. */}}
{{- define "health-agent.envConfigMapName" -}}
{{- include "health-agent.componentName" (dict "context" . "component" "env") -}}
{{- end -}}

{{/* Restricted-profile security contexts shared by every platform pod and container. */}}
{{- define "health-agent.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
fsGroup: 65532
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "health-agent.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}
