{{/* Labels on every object's metadata; the first is what the kustomize base sets too. */}}
{{- define "slipway.labels" -}}
app.kubernetes.io/part-of: slipway
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{- define "slipway.podSecurity" -}}
serviceAccountName: slipway
securityContext:
  runAsNonRoot: true
  runAsUser: 1000
  runAsGroup: 1000
  fsGroup: 1000
  seccompProfile: { type: RuntimeDefault }
{{- end }}

{{- define "slipway.containerSecurity" -}}
securityContext:
  allowPrivilegeEscalation: false
  capabilities: { drop: ["ALL"] }
{{- end }}

{{/* Settings from the ConfigMap, secrets by reference. */}}
{{- define "slipway.env" -}}
envFrom:
  - configMapRef:
      name: slipway-config
env:
  - name: DB_USER
    valueFrom:
      secretKeyRef: { name: {{ .Values.database.runtimeSecret }}, key: username }
  - name: DB_PASSWORD
    valueFrom:
      secretKeyRef: { name: {{ .Values.database.runtimeSecret }}, key: password }
  - name: DATABASE_URL
    value: {{ printf "postgres://$(DB_USER):$(DB_PASSWORD)@%s:5432/%s" .Values.database.host .Values.database.name }}
  - name: DB_ADMIN_USER
    valueFrom:
      secretKeyRef: { name: {{ .Values.database.adminSecret }}, key: username }
  - name: DB_ADMIN_PASSWORD
    valueFrom:
      secretKeyRef: { name: {{ .Values.database.adminSecret }}, key: password }
  - name: DATABASE_ADMIN_URL
    value: {{ printf "postgres://$(DB_ADMIN_USER):$(DB_ADMIN_PASSWORD)@%s:5432/%s" .Values.database.host .Values.database.name }}
  - name: AUTH_SECRET
    valueFrom:
      secretKeyRef: { name: {{ .Values.secretName }}, key: auth-secret }
  - name: SLIPWAY_OIDC_CLIENT_SECRET
    valueFrom:
      secretKeyRef: { name: {{ .Values.secretName }}, key: oidc-client-secret }
  - name: SLIPWAY_FORGEJO_TOKEN
    valueFrom:
      secretKeyRef: { name: {{ .Values.secretName }}, key: forgejo-token }
  - name: SLIPWAY_ARGOCD_WEBHOOK_SECRET
    valueFrom:
      secretKeyRef: { name: {{ .Values.secretName }}, key: argocd-webhook-secret }
  - name: SLIPWAY_METRICS_TOKEN
    valueFrom:
      secretKeyRef: { name: {{ .Values.secretName }}, key: metrics-token, optional: true }
{{- end }}
