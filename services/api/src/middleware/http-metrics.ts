import type { HttpMetrics } from '@health-agent/core';
import type { Request, RequestHandler } from 'express';

/** The route template, not the raw path, so ids don't explode the label set. */
function routeLabel(req: Request): string {
  const route = (req.route as { path?: string } | undefined)?.path;
  return route === undefined ? 'unmatched' : `${req.baseUrl}${route}`;
}

export function httpMetrics(metrics: HttpMetrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.requestDuration.startTimer();
    res.on('finish', () => {
      end({ method: req.method, route: routeLabel(req), status_code: String(res.statusCode) });
    });
    next();
  };
}
