import { parseMultipart } from './multipart-body.js';

describe('multipart parsing in the fake Bot API', () => {
  it('when grammY-style parts arrive, then fields and files are read with their names', () => {
    const boundary = '----------abc123';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\ncontent-disposition:form-data;name="chat_id"\r\n\r\n42`),
      Buffer.from(`\r\n--${boundary}\r\ncontent-disposition:form-data;name="photo"\r\n\r\nattach://xyz`),
      Buffer.from(
        `\r\n--${boundary}\r\ncontent-disposition:form-data;name="xyz";filename=chart 7d.png\r\ncontent-type:application/octet-stream\r\n\r\n`,
      ),
      Buffer.from([0, 13, 10, 255]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const parts = parseMultipart(body, `multipart/form-data; boundary=${boundary}`);
    expect(parts.map((p) => [p.name, p.filename, p.data.toString('hex')])).toEqual([
      ['chat_id', undefined, Buffer.from('42').toString('hex')],
      ['photo', undefined, Buffer.from('attach://xyz').toString('hex')],
      ['xyz', 'chart 7d.png', '000d0aff'],
    ]);
  });

  it('when the boundary is missing, then parsing refuses', () => {
    expect(() => parseMultipart(Buffer.from(''), 'multipart/form-data')).toThrow('boundary');
  });
});
