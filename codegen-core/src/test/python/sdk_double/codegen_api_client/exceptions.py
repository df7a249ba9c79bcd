"""The generated client's exception shape: ApiException with status, reason, body and headers."""


class OpenApiException(Exception):
    pass


class ApiException(OpenApiException):
    def __init__(self, status=None, reason=None, http_resp=None, *, body=None, data=None, headers=None):
        self.status = status
        self.reason = reason
        self.body = body
        self.data = data
        self.headers = headers
        Exception.__init__(self, "(%s)\nReason: %s\n" % (status, reason))


class BadRequestException(ApiException):
    pass


class UnauthorizedException(ApiException):
    pass


class ForbiddenException(ApiException):
    pass


class NotFoundException(ApiException):
    pass


class ConflictException(ApiException):
    pass


class UnprocessableEntityException(ApiException):
    pass


class ServiceException(ApiException):
    pass


_BY_STATUS = {400: BadRequestException, 401: UnauthorizedException, 403: ForbiddenException,
              404: NotFoundException, 409: ConflictException, 422: UnprocessableEntityException}


def exception_for_status(status, reason, body, headers):
    kind = ServiceException if 500 <= status <= 599 else _BY_STATUS.get(status, ApiException)
    return kind(status=status, reason=reason, body=body.decode("utf-8", "replace"), headers=headers)
